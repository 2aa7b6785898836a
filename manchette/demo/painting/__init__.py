"""The demo pictures' painting: brushes shared by every scene, and the scenes by kind."""
