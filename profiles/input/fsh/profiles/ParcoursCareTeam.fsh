Profile: ParcoursCareTeam
Parent: CareTeam
Id: parcours-careteam
Title: "Équipe autour de la personne / Parcours care team"
Description: "L'équipe pluriprofessionnelle autour de la personne, la personne comprise, avec les périodes de chaque membre (on part, on revient) et un coordinateur. — The multidisciplinary team around the person, the person included, with each member's periods and a coordinator."
* insert ParcoursMetadata
* obeys parcours-careteam-person-member and parcours-careteam-coordinator
* status 1..1 MS
* subject 1..1 MS
* subject only Reference(ParcoursPatient)
* period MS
* participant 1..* MS
* participant.role 1..* MS
* participant.role from ParcoursValueSetCareTeamRole (required)
* participant.role ^short = "Rôle(s) ; le coordinateur porte aussi le rôle coordinateur / role(s); the coordinator also carries the coordinator role"
* participant.member 1..1 MS
* participant.member only Reference(ParcoursPatient or ParcoursPractitioner or ParcoursPractitionerRole or RelatedPerson or ParcoursOrganization)
* participant.onBehalfOf MS
* participant.onBehalfOf only Reference(ParcoursOrganization)
* participant.period MS
* participant.period ^short = "Période de participation ; une nouvelle entrée quand la personne revient / participation period; a new entry when someone comes back"
* managingOrganization MS
