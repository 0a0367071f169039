"""问题台账: the ledger model, the detail panel and the action dialogs."""
