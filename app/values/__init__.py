"""Values as clerks type and read them: amounts, dates, months, stored values shown back."""
