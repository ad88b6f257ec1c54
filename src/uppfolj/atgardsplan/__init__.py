"""Action plans for a budget in balance (åtgärdsplan): measures with expected and achieved effect."""
