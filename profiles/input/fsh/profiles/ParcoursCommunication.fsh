Profile: ParcoursCommunication
Parent: Communication
Id: parcours-communication
Title: "Notification à l'équipe / Care team notification"
Description: "Notification adressée à l'équipe ou à un membre : sortie d'hospitalisation, vigilance rupture de soins, modification du plan. — Notification to the team or a member: discharge, care break alert, plan change."
* insert ParcoursMetadata
* status MS
* category 1..* MS
* category from ParcoursValueSetCommunicationCategory (required)
* subject 1..1 MS
* subject only Reference(ParcoursPatient)
* about MS
* sent MS
* recipient 1..* MS
* recipient only Reference(ParcoursCareTeam or ParcoursPractitioner or ParcoursPractitionerRole or ParcoursOrganization or ParcoursPatient or RelatedPerson)
* sender MS
* payload 1..* MS
