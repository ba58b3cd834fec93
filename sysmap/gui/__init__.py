"""The desktop app: main window, docks, undo commands, dialogs and settings."""
