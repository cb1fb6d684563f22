# Warnings are errors for everything the project compiles.
set(MAILWIRE_WARNINGS
    -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
    -Wpointer-arith -Wformat=2 -Wundef -Wwrite-strings -Wold-style-definition
    -Wno-missing-field-initializers)
