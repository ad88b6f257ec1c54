"""BIP progression: per person and indicator, aggregated by insatstyp and enhet, and as an effect outcome."""
