"""Analysis of a map: silos, missing links, brokers and the citizen's view. No Qt here."""
