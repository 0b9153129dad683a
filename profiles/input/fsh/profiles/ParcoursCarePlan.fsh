Profile: ParcoursCarePlan
Parent: CarePlan
Id: parcours-careplan
Title: "Plan de soins partagé Parcours / Parcours shared care plan"
Description: "Le plan unique partagé par l'équipe et la personne : étape RdR, problèmes, objectifs de la personne, activités. — The one plan shared by the team and the person: harm-reduction stage, problems, the person's goals, activities."
* insert ParcoursMetadata
* extension contains ParcoursExtensionPathwayStage named pathwayStage 0..1 MS
* extension contains ParcoursExtensionFollowUpIntensity named followUpIntensity 0..1 MS
* identifier MS
* status MS
* intent MS
* category 1..* MS
* category ^slicing.discriminator[0].type = #pattern
* category ^slicing.discriminator[0].path = "$this"
* category ^slicing.rules = #open
* category contains parcours 1..1 MS
* category[parcours] = ParcoursCodeSystemCarePlanCategory#plan-partage
* subject MS
* subject only Reference(ParcoursPatient)
* period MS
* careTeam 1..* MS
* careTeam only Reference(ParcoursCareTeam)
* addresses MS
* goal MS
* goal only Reference(ParcoursGoal)
* activity MS
* activity.reference MS
* activity.reference only Reference(Appointment or Task or ServiceRequest or MedicationRequest or RequestGroup or CommunicationRequest)
* activity.detail MS
* activity.detail.code 1..1 MS
* activity.detail.code from ParcoursValueSetActivity (required)
* activity.detail.status MS
* activity.detail.scheduled[x] MS
* activity.detail.performer MS
* activity.detail.performer only Reference(ParcoursPractitioner or ParcoursPractitionerRole or ParcoursOrganization or ParcoursPatient or RelatedPerson or ParcoursCareTeam)
* activity.detail.goal only Reference(ParcoursGoal)
