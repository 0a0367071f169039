"""The milestone editor of one project (节点计划)."""
