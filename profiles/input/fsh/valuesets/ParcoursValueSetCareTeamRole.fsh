ValueSet: ParcoursValueSetCareTeamRole
Id: parcours-careteam-role
Title: "Rôles dans l'équipe Parcours / Parcours care team roles"
Description: "Tous les codes de ParcoursCodeSystemCareTeamRole. — All codes of ParcoursCodeSystemCareTeamRole."
* insert ParcoursValueSet
* include codes from system ParcoursCodeSystemCareTeamRole
