"""The demo campaign: a deterministic 百日攻坚 modelled on the Tianjin Free Trade Zone seed."""
