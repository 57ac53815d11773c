"""The assembly deck: the slides as data (deck, slide), their figures, and the deck drawn as
PowerPoint (pptx), a PDF handout (pdf) and pictures (png).
"""
