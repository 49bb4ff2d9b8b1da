"""One wrapper module per external tool; each turns the tool's errors into VacancyError."""
