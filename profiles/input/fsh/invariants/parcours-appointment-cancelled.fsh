Invariant: parcours-appointment-cancelled
Description: "Un rendez-vous annulé dit pourquoi (cancelationReason). — A cancelled appointment says why."
Severity: #error
Expression: "status = 'cancelled' implies cancelationReason.exists()"
