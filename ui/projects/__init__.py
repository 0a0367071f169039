"""项目卡片 widgets: card wall, table, editor, detail, month grid, units and lists."""
