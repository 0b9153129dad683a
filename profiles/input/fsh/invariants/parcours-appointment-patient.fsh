Invariant: parcours-appointment-patient
Description: "Un rendez-vous Parcours concerne une personne : un participant est un Patient. — A Parcours appointment has a Patient participant."
Severity: #error
Expression: "participant.where(actor.reference.startsWith('Patient/')).exists()"
