"""数据交换 widgets: the import wizard, export, fill-in and merge, batches and profiles."""
