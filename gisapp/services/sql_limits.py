"""The largest whole numbers a request may hand to PostgreSQL. Python's int has no limit, psycopg sends
a larger one as `numeric`, and an OFFSET or a bigint comparison then fails inside the database (a 500);
parsers check against these first and name the parameter."""

BIGINT_MAX = 2**63 - 1  # PostgreSQL's bigint, the widest integer column or OFFSET there is
MAX_OFFSET = 10_000_000  # no list pages that far; past it a client is walking the table, not reading it


def fits_bigint(number: int) -> bool:
    """Whether PostgreSQL can compare with it as an integer (otherwise psycopg sends a numeric)."""
    return -BIGINT_MAX <= number <= BIGINT_MAX
