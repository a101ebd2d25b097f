"""Word lists and thresholds the actor resolver reads."""

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "agent"}
ACTOR_PREPOSITIONS = {"by", "with", "between", "against", "and"}
OWNER_PREPOSITIONS = {"for", "of", "from", "at"}
# Prepositions after an agent noun that give it a country, with the name forms they take.
PLACING_PREPOSITIONS = {"of": ("country",), "in": ("country", "capital"),
                        "across": ("country",)}
DEFINITE = {"the", "this", "that", "these", "those"}
FORMER = {"former", "ex", "ex-", "then", "late"}
ARMED_SECTORS = {"REB", "INS", "SEP", "UAF", "IMG"}
PRONOUN_WINDOW = 2  # sentences back that a pronoun may reach
DESCRIPTION_WINDOW = 5  # sentences back that "the group" may reach
