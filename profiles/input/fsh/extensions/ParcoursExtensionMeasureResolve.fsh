Extension: ParcoursExtensionMeasureResolve
Id: parcours-measure-resolve
Title: "Ventiler par ce que désigne la référence / Stratify by what the reference designates"
Description: "« profession » : la ventilation donne une référence à un professionnel (Practitioner ou PractitionerRole), rapportée comme sa profession (PractitionerRole.code, parcours-careteam-role). — profession: the stratifier gives a practitioner reference, reported as the practitioner's profession."
* insert ParcoursMetadata
* ^context[0].type = #element
* ^context[0].expression = "Measure.group.stratifier"
* value[x] only code
