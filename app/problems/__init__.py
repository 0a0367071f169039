"""问题台账 and 督办: problems, their workflow, supervision and the weekly dispatch."""
