"""项目卡片 and the organisation around them: projects, units, people and lists."""
