"""The analysts' web page (static HTML, CSS and JS in this folder) and the country shapes its map draws."""
