// Scenario (seed: alcohol-harm-reduction-coordination-team): Martine, followed by an alcohol harm-reduction worker
// after years of care breaks; her GP left the team and came back; drinks per day and AUDIT-C over time.

Instance: PatientRdrAlcoolExample
InstanceOf: ParcoursPatient
Title: "Martine Lefebvre (RdR alcool)"
Usage: #example
* identifier[INS].system = "urn:oid:1.2.250.1.213.1.4.8"
* identifier[INS].value = "268045935012345"
* identifier[INS].use = #official
* identifier[+].system = "https://fhir.parcours.fr/identifier"
* identifier[=].value = "PRC-000101"
* name[0].use = #official
* name[0].family = "Lefebvre"
* name[0].given[0] = "Martine"
* name[0].given[1] = "Odile"
* gender = #female
* birthDate = "1968-04-12"
* extension[birthPlace].valueAddress.city = "Lille"
* extension[birthPlace].valueAddress.postalCode = "59350"
* extension[birthPlace].valueAddress.country = "FRA"
* telecom[0].system = #phone
* telecom[0].value = "06 12 34 56 78"
* address[0].city = "Roubaix"
* address[0].postalCode = "59100"
* generalPractitioner = Reference(PractitionerRdrAlcoolGpExample)

Instance: PractitionerRdrAlcoolGpExample
InstanceOf: ParcoursPractitioner
Title: "Dr Julien Caron, médecin traitant"
Usage: #example
* identifier[RPPS].system = "urn:oid:1.2.250.1.71.4.2.1"
* identifier[RPPS].value = "10101234567"
* name.family = "Caron"
* name.given = "Julien"
* name.prefix = "Dr"

Instance: PractitionerRdrAlcoolWorkerExample
InstanceOf: ParcoursPractitioner
Title: "Samia Benali, intervenante RdR alcool (pas de RPPS)"
Usage: #example
* name.family = "Benali"
* name.given = "Samia"
* telecom.system = #phone
* telecom.value = "03 20 00 00 01"

Instance: CareTeamRdrAlcoolExample
InstanceOf: ParcoursCareTeam
Title: "L'équipe de Martine"
Usage: #example
* status = #active
* name = "Équipe de Martine Lefebvre"
* subject = Reference(PatientRdrAlcoolExample)
* insert Member(0, PatientRdrAlcoolExample, personne, 2023-01-09)
* insert Member(1, PractitionerRdrAlcoolWorkerExample, intervenant-rdr-alcool, 2023-01-09)
* participant[1].role[+] = ParcoursCodeSystemCareTeamRole#coordinateur
* insert Member(2, PractitionerRdrAlcoolGpExample, medecin-traitant, 2023-01-09)
* participant[2].period.end = "2023-09-30"
// The GP left after a care break and came back: a new participant entry with its own period.
* insert Member(3, PractitionerRdrAlcoolGpExample, medecin-traitant, 2024-03-04)

Instance: GoalRdrAlcoolReduceExample
InstanceOf: ParcoursGoal
Title: "Martine : pas plus de 3 verres par jour"
Usage: #example
* lifecycleStatus = #active
* achievementStatus = http://terminology.hl7.org/CodeSystem/goal-achievement#improving
* category = ParcoursCodeSystemGoalCategory#consommation
* description = ParcoursCodeSystemGoal#reduire-consommation
* description.text = "Boire moins, pas plus de 3 verres par jour, pour pouvoir garder mon travail"
* subject = Reference(PatientRdrAlcoolExample)
* expressedBy = Reference(PatientRdrAlcoolExample)
* startDate = "2023-02-06"
* target.measure = $LNC#74013-4 "Alcoholic drinks per day"
* target.detailQuantity = 3 '{drinks}/d' "verres standard par jour"
* target.dueDate = "2024-12-31"

Instance: CarePlanRdrAlcoolExample
InstanceOf: ParcoursCarePlan
Title: "Plan partagé de Martine"
Usage: #example
* extension[pathwayStage].valueCodeableConcept = ParcoursCodeSystemPathwayStage#priorisation
* extension[followUpIntensity].valueCoding = ParcoursCodeSystemFollowUpIntensity#intensif "Accompagnement renforcé"
* status = #active
* intent = #plan
* category[parcours] = ParcoursCodeSystemCarePlanCategory#plan-partage
* title = "Plan partagé de Martine Lefebvre"
* subject = Reference(PatientRdrAlcoolExample)
* period.start = "2023-01-09"
* careTeam = Reference(CareTeamRdrAlcoolExample)
* goal = Reference(GoalRdrAlcoolReduceExample)
* activity[0].detail.code = ParcoursCodeSystemActivity#entretien-rdr
* activity[0].detail.status = #in-progress
* activity[0].detail.performer = Reference(PractitionerRdrAlcoolWorkerExample)
* activity[0].detail.scheduledTiming.repeat.frequency = 1
* activity[0].detail.scheduledTiming.repeat.period = 1
* activity[0].detail.scheduledTiming.repeat.periodUnit = #wk
* activity[1].detail.code = ParcoursCodeSystemActivity#consultation-medecin
* activity[1].detail.status = #scheduled
* activity[1].detail.performer = Reference(PractitionerRdrAlcoolGpExample)
* activity[1].detail.scheduledPeriod.start = "2024-04-15"

Instance: ObservationRdrAlcoolDrinksJanuaryExample
InstanceOf: ParcoursObservationAlcoholUse
Title: "Martine : 10 verres par jour (janvier 2024)"
Usage: #example
* code = $LNC#74013-4 "Alcoholic drinks per day"
* insert SudLabelOnInstance
* status = #final
* category[socialHistory] = $ObsCat#social-history
* subject = Reference(PatientRdrAlcoolExample)
* effectiveDateTime = "2024-01-15"
* performer = Reference(PractitionerRdrAlcoolWorkerExample)
* valueQuantity = 10 '{drinks}/d' "verres standard par jour"

Instance: ObservationRdrAlcoolDrinksMarchExample
InstanceOf: ParcoursObservationAlcoholUse
Title: "Martine : 5 verres par jour (mars 2024)"
Usage: #example
* code = $LNC#74013-4 "Alcoholic drinks per day"
* insert SudLabelOnInstance
* status = #final
* category[socialHistory] = $ObsCat#social-history
* subject = Reference(PatientRdrAlcoolExample)
* effectiveDateTime = "2024-03-18"
* performer = Reference(PractitionerRdrAlcoolWorkerExample)
* valueQuantity = 5 '{drinks}/d' "verres standard par jour"

Instance: ObservationRdrAlcoolAuditCExample
InstanceOf: ParcoursObservationAuditC
Title: "Martine : AUDIT-C 9"
Usage: #example
* code = $LNC#75626-2 "Total score [AUDIT-C]"
* insert SudLabelOnInstance
* status = #final
* category[socialHistory] = $ObsCat#social-history
* subject = Reference(PatientRdrAlcoolExample)
* effectiveDateTime = "2024-03-18"
* valueInteger = 9
* component[frequency].valueInteger = 4
* component[typicalDay].valueInteger = 3
* component[sixOrMore].valueInteger = 2

Instance: EncounterRdrAlcoolPhoneExample
InstanceOf: ParcoursEncounter
Title: "Entretien téléphonique avec Martine"
Usage: #example
* status = #finished
* class = $ActCode#VR "virtual"
* type = ParcoursCodeSystemEncounterType#consultation-individuelle
* subject = Reference(PatientRdrAlcoolExample)
* participant.individual = Reference(PractitionerRdrAlcoolWorkerExample)
* period.start = "2024-03-18T10:00:00+01:00"
* period.end = "2024-03-18T10:25:00+01:00"
* length = 25 'min' "min"
* reasonCode = ParcoursCodeSystemDomain#addiction "Addiction"

Instance: EncounterRdrAlcoolOutreachExample
InstanceOf: ParcoursEncounter
Title: "Aller-vers : Martine rencontrée à l'accueil de jour (droits, mise à l'abri)"
Usage: #example
* status = #finished
* class = $ActCode#FLD "field"
* type = ParcoursCodeSystemEncounterType#aller-vers
* subject = Reference(PatientRdrAlcoolExample)
* participant.individual = Reference(PractitionerRdrAlcoolWorkerExample)
* period.start = "2024-01-22T09:00:00+01:00"
* period.end = "2024-01-22T10:00:00+01:00"
* length = 60 'min' "min"
* reasonCode[0] = ParcoursCodeSystemDomain#droits "Droits"
* reasonCode[1] = ParcoursCodeSystemDomain#logement "Logement"

Instance: TaskRdrAlcoolRecontactExample
InstanceOf: ParcoursTask
Title: "Reprendre contact avec Martine après deux rendez-vous manqués"
Usage: #example
* status = #in-progress
* intent = #plan
* code = ParcoursCodeSystemTaskCode#relance-rupture
* description = "Pas de nouvelles depuis trois semaines : rappeler Martine et proposer un rendez-vous à domicile."
* for = Reference(PatientRdrAlcoolExample)
* basedOn = Reference(CarePlanRdrAlcoolExample)
* authoredOn = "2024-02-12"
* owner = Reference(PractitionerRdrAlcoolWorkerExample)
* restriction.period.end = "2024-02-19"

Instance: CommunicationRdrAlcoolCareBreakExample
InstanceOf: ParcoursCommunication
Title: "Vigilance rupture de soins pour Martine"
Usage: #example
* status = #completed
* category = ParcoursCodeSystemCommunicationCategory#rupture-de-soins
* subject = Reference(PatientRdrAlcoolExample)
* sent = "2024-02-12T09:00:00+01:00"
* recipient = Reference(CareTeamRdrAlcoolExample)
* sender = Reference(PractitionerRdrAlcoolWorkerExample)
* payload.contentString = "Martine n'est pas venue aux deux derniers rendez-vous. Je la rappelle cette semaine."
