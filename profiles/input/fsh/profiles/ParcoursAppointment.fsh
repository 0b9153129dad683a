Profile: ParcoursAppointment
Parent: Appointment
Id: parcours-appointment
Title: "Rendez-vous Parcours / Parcours appointment"
Description: "Rendez-vous avec la personne : prévu (booked), honoré (fulfilled) ou manqué (noshow), pour compter les rendez-vous tenus et les absences. — Appointment with the person: booked, fulfilled or no-show, so that held appointments and no-shows are countable."
* insert ParcoursMetadata
* obeys parcours-appointment-patient
* status MS
* status ^short = "booked prévu, fulfilled honoré, noshow non venu, cancelled annulé"
* serviceType 1..* MS
* serviceType from ParcoursValueSetActivity (required)
* start MS
* end MS
* participant MS
* participant.actor 1..1 MS
* participant.actor only Reference(ParcoursPatient or ParcoursPractitioner or ParcoursPractitionerRole or RelatedPerson or Location)
* basedOn MS
