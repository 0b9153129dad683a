Profile: ParcoursAppointment
Parent: Appointment
Id: parcours-appointment
Title: "Rendez-vous Parcours / Parcours appointment"
Description: "Rendez-vous avec la personne : prévu (booked), honoré (fulfilled) ou manqué (noshow), pour compter les rendez-vous tenus et les absences. — Appointment with the person: booked, fulfilled or no-show, so that held appointments and no-shows are countable."
* insert ParcoursMetadata
* obeys parcours-appointment-patient and parcours-appointment-cancelled
* status MS
* status ^short = "booked prévu, fulfilled honoré, noshow non venu, cancelled annulé"
* cancelationReason MS
* cancelationReason ^short = "Pourquoi annulé (appointment-cancellation-reason : pat, prov, other) / why cancelled"
* appointmentType MS
* appointmentType from ParcoursValueSetAppointmentMode (required)
* appointmentType ^short = "Modalité prévue : AMB présentiel, VR téléphone/visio, HH domicile, FLD hors les murs / planned mode"
* serviceType 1..* MS
* serviceType from ParcoursValueSetActivity (required)
* start MS
* end MS
* participant MS
* participant.actor 1..1 MS
* participant.actor only Reference(ParcoursPatient or ParcoursPractitioner or ParcoursPractitionerRole or RelatedPerson or Location)
* basedOn MS
