"""Each page as data: what it shows, computed and translated, for the page file to render."""
