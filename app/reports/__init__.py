"""月度填报: the monthly figures each project reports."""
