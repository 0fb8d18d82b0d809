"""Linking grant decision lines to the projects named in the district's agreement."""
