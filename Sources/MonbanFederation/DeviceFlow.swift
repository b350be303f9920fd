// Federated sign-in by device flow (LG-4): filled in by its work.
