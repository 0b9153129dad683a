// Scenario (seed: psychologist-in-social-housing-moselle): Jean-Marc, resident of a résidence sociale, seen by a
// psychologist every two weeks, by phone and in person, with no-shows; a group workshop; no INS yet (local identifier).

Instance: PatientResidenceSocialeExample
InstanceOf: ParcoursPatient
Title: "Jean-Marc Schmitt (résidence sociale, identifiant local)"
Usage: #example
* identifier[+].system = "https://fhir.parcours.fr/identifier"
* identifier[=].value = "PRC-000317"
* name[0].use = #usual
* name[0].family = "Schmitt"
* name[0].given = "Jean-Marc"
* gender = #male
* birthDate = "1972-11-03"
* address[0].line = "Résidence sociale Les Tilleuls, chambre 12"
* address[0].city = "Forbach"
* address[0].postalCode = "57600"

Instance: OrganizationResidenceSocialeExample
InstanceOf: ParcoursOrganization
Title: "Résidence sociale Les Tilleuls"
Usage: #example
* identifier[FINESS].system = "urn:oid:1.2.250.1.71.4.2.2"
* identifier[FINESS].value = "570001234"
* name = "Résidence sociale Les Tilleuls"
* address.city = "Forbach"
* address.postalCode = "57600"

Instance: PractitionerResidenceSocialePsychologistExample
InstanceOf: ParcoursPractitioner
Title: "Élodie Muller, psychologue"
Usage: #example
* identifier[RPPS].system = "urn:oid:1.2.250.1.71.4.2.1"
* identifier[RPPS].value = "10007778889"
* name.family = "Muller"
* name.given = "Élodie"

Instance: PractitionerResidenceSocialeSocialWorkerExample
InstanceOf: ParcoursPractitioner
Title: "Marc Weber, travailleur social de la résidence (pas de RPPS)"
Usage: #example
* name.family = "Weber"
* name.given = "Marc"

Instance: CareTeamResidenceSocialeExample
InstanceOf: ParcoursCareTeam
Title: "L'équipe de Jean-Marc"
Usage: #example
* status = #active
* subject = Reference(PatientResidenceSocialeExample)
* insert Member(0, PatientResidenceSocialeExample, personne, 2024-01-15)
* insert Member(1, PractitionerResidenceSocialePsychologistExample, psychologue, 2024-01-15)
* participant[1].role[+] = ParcoursCodeSystemCareTeamRole#coordinateur
* insert Member(2, PractitionerResidenceSocialeSocialWorkerExample, travailleur-social, 2024-01-15)
* participant[2].onBehalfOf = Reference(OrganizationResidenceSocialeExample)

Instance: GoalResidenceSocialeExample
InstanceOf: ParcoursGoal
Title: "Jean-Marc : retisser des liens"
Usage: #example
* lifecycleStatus = #active
* category = ParcoursCodeSystemGoalCategory#social
* description = ParcoursCodeSystemGoal#lien-social
* description.text = "Reprendre contact avec ma fille"
* subject = Reference(PatientResidenceSocialeExample)
* expressedBy = Reference(PatientResidenceSocialeExample)

Instance: CarePlanResidenceSocialeExample
InstanceOf: ParcoursCarePlan
Title: "Plan partagé de Jean-Marc"
Usage: #example
* extension[followUpIntensity].valueCoding = ParcoursCodeSystemFollowUpIntensity#intensif "Accompagnement renforcé"
* status = #active
* intent = #plan
* category[parcours] = ParcoursCodeSystemCarePlanCategory#plan-partage
* subject = Reference(PatientResidenceSocialeExample)
* careTeam = Reference(CareTeamResidenceSocialeExample)
* goal = Reference(GoalResidenceSocialeExample)
* activity[0].detail.code = ParcoursCodeSystemActivity#consultation-psychologue
* activity[0].detail.status = #in-progress
* activity[0].detail.performer = Reference(PractitionerResidenceSocialePsychologistExample)
* activity[0].detail.scheduledTiming.repeat.frequency = 1
* activity[0].detail.scheduledTiming.repeat.period = 2
* activity[0].detail.scheduledTiming.repeat.periodUnit = #wk
* activity[1].detail.code = ParcoursCodeSystemActivity#atelier-groupe
* activity[1].detail.status = #scheduled
* activity[1].detail.performer = Reference(PractitionerResidenceSocialePsychologistExample)

Instance: AppointmentResidenceSocialeHeldExample
InstanceOf: ParcoursAppointment
Title: "Rendez-vous honoré du 5 février"
Usage: #example
* status = #fulfilled
* appointmentType = $ActCode#AMB "ambulatory"
* serviceType = ParcoursCodeSystemActivity#consultation-psychologue
* start = "2024-02-05T14:00:00+01:00"
* end = "2024-02-05T14:45:00+01:00"
* participant[0].actor = Reference(PatientResidenceSocialeExample)
* participant[0].status = #accepted
* participant[1].actor = Reference(PractitionerResidenceSocialePsychologistExample)
* participant[1].status = #accepted

Instance: AppointmentResidenceSocialeNoShowExample
InstanceOf: ParcoursAppointment
Title: "Rendez-vous manqué du 19 février"
Usage: #example
* status = #noshow
* appointmentType = $ActCode#AMB "ambulatory"
* serviceType = ParcoursCodeSystemActivity#consultation-psychologue
* start = "2024-02-19T14:00:00+01:00"
* end = "2024-02-19T14:45:00+01:00"
* participant[0].actor = Reference(PatientResidenceSocialeExample)
* participant[0].status = #accepted
* participant[1].actor = Reference(PractitionerResidenceSocialePsychologistExample)
* participant[1].status = #accepted

Instance: AppointmentResidenceSocialeBookedExample
InstanceOf: ParcoursAppointment
Title: "Rendez-vous prévu du 4 mars"
Usage: #example
* status = #booked
* appointmentType = $ActCode#VR "virtual"
* serviceType = ParcoursCodeSystemActivity#consultation-psychologue
* start = "2024-03-04T14:00:00+01:00"
* end = "2024-03-04T14:45:00+01:00"
* participant[0].actor = Reference(PatientResidenceSocialeExample)
* participant[0].status = #accepted
* participant[1].actor = Reference(PractitionerResidenceSocialePsychologistExample)
* participant[1].status = #accepted

Instance: EncounterResidenceSocialeInPersonExample
InstanceOf: ParcoursEncounter
Title: "Entretien en présentiel du 5 février (rendez-vous honoré)"
Usage: #example
* status = #finished
* class = $ActCode#AMB "ambulatory"
* type = ParcoursCodeSystemEncounterType#consultation-individuelle
* subject = Reference(PatientResidenceSocialeExample)
* participant.individual = Reference(PractitionerResidenceSocialePsychologistExample)
* appointment = Reference(AppointmentResidenceSocialeHeldExample)
* period.start = "2024-02-05T14:00:00+01:00"
* period.end = "2024-02-05T14:45:00+01:00"
* length = 45 'min' "min"
* reasonCode[0] = ParcoursCodeSystemDomain#sante-mentale "Santé mentale"
* reasonCode[1] = ParcoursCodeSystemDomain#addiction "Addiction"
* serviceProvider = Reference(OrganizationResidenceSocialeExample)

Instance: EncounterResidenceSocialePhoneExample
InstanceOf: ParcoursEncounter
Title: "Appel téléphonique après le rendez-vous manqué"
Usage: #example
* status = #finished
* class = $ActCode#VR "virtual"
* type = ParcoursCodeSystemEncounterType#consultation-individuelle
* subject = Reference(PatientResidenceSocialeExample)
* participant.individual = Reference(PractitionerResidenceSocialePsychologistExample)
* period.start = "2024-02-20T10:00:00+01:00"
* period.end = "2024-02-20T10:15:00+01:00"
* length = 15 'min' "min"
* extension[note].valueAnnotation.text = "Rendez-vous du 19 oublié ; Jean-Marc va bien, il viendra le 4 mars."
* extension[note].valueAnnotation.time = "2024-02-20T10:15:00+01:00"
* reasonCode = ParcoursCodeSystemDomain#sante-mentale "Santé mentale"

Instance: EncounterResidenceSocialeWorkshopSessionExample
InstanceOf: ParcoursEncounter
Title: "Séance de l'atelier collectif « prendre soin de soi » (sans subject : dix participants)"
Usage: #example
* extension[workshopTheme].valueString = "Prendre soin de soi"
* extension[outsideParticipants].valueUnsignedInt = 9
* status = #finished
* class = $ActCode#AMB "ambulatory"
* type = ParcoursCodeSystemEncounterType#atelier-groupe
* participant[0].individual = Reference(PractitionerResidenceSocialePsychologistExample)
* participant[1].individual = Reference(PractitionerResidenceSocialeSocialWorkerExample)
* period.start = "2024-02-27T17:00:00+01:00"
* period.end = "2024-02-27T18:30:00+01:00"
* length = 90 'min' "min"
* reasonCode = ParcoursCodeSystemDomain#addiction "Addiction"
* serviceProvider = Reference(OrganizationResidenceSocialeExample)

Instance: EncounterResidenceSocialeWorkshopExample
InstanceOf: ParcoursEncounter
Title: "Jean-Marc à l'atelier collectif (sa participation, partie de la séance)"
Usage: #example
* status = #finished
* class = $ActCode#AMB "ambulatory"
* type = ParcoursCodeSystemEncounterType#atelier-groupe
* subject = Reference(PatientResidenceSocialeExample)
* partOf = Reference(EncounterResidenceSocialeWorkshopSessionExample)
* period.start = "2024-02-27T17:00:00+01:00"
* period.end = "2024-02-27T18:30:00+01:00"
* serviceProvider = Reference(OrganizationResidenceSocialeExample)

Instance: AppointmentResidenceSocialeCancelledExample
InstanceOf: ParcoursAppointment
Title: "Rendez-vous du 11 mars annulé par Jean-Marc"
Usage: #example
* status = #cancelled
* cancelationReason = http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason#pat "Patient"
* cancelationReason.text = "Jean-Marc travaille ce jour-là"
* appointmentType = $ActCode#AMB "ambulatory"
* serviceType = ParcoursCodeSystemActivity#consultation-psychologue
* start = "2024-03-11T14:00:00+01:00"
* end = "2024-03-11T14:45:00+01:00"
* participant[0].actor = Reference(PatientResidenceSocialeExample)
* participant[0].status = #declined
* participant[1].actor = Reference(PractitionerResidenceSocialePsychologistExample)
* participant[1].status = #accepted

Instance: ServiceRequestResidenceSocialeCmpExample
InstanceOf: ParcoursServiceRequestOrientation
Title: "Orientation de Jean-Marc vers le CMP de Forbach"
Usage: #example
* status = #active
* intent = #order
* category[referral] = $SCT#3457005 "Patient referral"
* subject = Reference(PatientResidenceSocialeExample)
* authoredOn = "2024-02-20"
* requester = Reference(PractitionerResidenceSocialePsychologistExample)
* performerType = ParcoursCodeSystemPartnerType#cmp-psychiatrie "CMP, psychiatrie"
* reasonCode = ParcoursCodeSystemDomain#sante-mentale "Santé mentale"
* basedOn = Reference(CarePlanResidenceSocialeExample)
* occurrenceDateTime = "2024-03-14T10:00:00+01:00"

Instance: TaskResidenceSocialeCmpExample
InstanceOf: ParcoursTask
Title: "Suites de l'orientation vers le CMP : rendez-vous pris"
Usage: #example
* status = #in-progress
* businessStatus = ParcoursCodeSystemOrientationOutcome#rdv-pris "Rendez-vous pris"
* intent = #order
* code = ParcoursCodeSystemTaskCode#orientation
* focus = Reference(ServiceRequestResidenceSocialeCmpExample)
* for = Reference(PatientResidenceSocialeExample)
* authoredOn = "2024-02-20"
* owner = Reference(PractitionerResidenceSocialePsychologistExample)
* restriction.period.end = "2024-03-20"
