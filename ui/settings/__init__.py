"""The tabs of the 设置 page that edit data in the database."""
