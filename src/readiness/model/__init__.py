"""What the data is: the canonical schema and its rules, problems, known places, labels and
the text form names are compared in. The bottom layer: it imports nothing else of readiness but
the foundation modules (paths, i18n, escape, number_formats).
"""
