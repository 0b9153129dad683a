ValueSet: ParcoursValueSetAppointmentMode
Id: parcours-appointment-mode
Title: "Modalité prévue d'un rendez-vous / Planned appointment mode"
Description: "Appointment.appointmentType : présentiel (AMB), téléphone ou visio (VR), à domicile (HH), hors les murs (FLD). — Planned mode: in person, phone or video, home, outreach."
* insert ParcoursValueSet
* $ActCode#AMB "Présentiel (ambulatoire)"
* $ActCode#VR "À distance (téléphone, visio)"
* $ActCode#HH "À domicile"
* $ActCode#FLD "Hors les murs (accompagnement, rue)"
