"""What the numbers say: statistics, the measures of an area year by year, trends, before and
after a project, priorities with their reasons, a village's profile and the sentences that
say all this. Imports model only.
"""
