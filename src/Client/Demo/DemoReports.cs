using System.Globalization;
using System.Text;

namespace RadiologyNet.Client.Demo;

/// <summary>
/// Templated narrative reports (EXAM / CLINICAL HISTORY / TECHNIQUE / COMPARISON / FINDINGS / IMPRESSION) with
/// per-class vocabulary and randomised findings. Placeholders: <c>{mm}</c> a size, <c>{side}</c> left/right.
/// </summary>
public static class DemoReports
{
    private sealed record Vocabulary(
        string[] Exams, string[] Histories, string[] Techniques, string[] Normal, (string Finding, string Impression)[] Abnormal, string[] NormalImpressions);

    private static readonly Dictionary<string, Vocabulary> Vocabularies = new()
    {
        ["CT HEAD"] = new(
            ["CT HEAD WITHOUT CONTRAST", "CT BRAIN NONCONTRAST"],
            ["Headache.", "Fall with head trauma.", "Dizziness, rule out hemorrhage.", "Altered mental status."],
            ["Axial images of the head were obtained without intravenous contrast, with 5 mm reconstructions.", "Non-contrast helical CT of the brain, reformatted in axial, coronal and sagittal planes."],
            ["No acute intracranial hemorrhage, mass effect or midline shift.", "The ventricles and sulci are normal in size and configuration for age.", "Gray-white matter differentiation is preserved.", "The basal cisterns are patent.", "The calvarium is intact. The visualized paranasal sinuses and mastoid air cells are clear."],
            [("Periventricular white matter hypodensities, consistent with chronic small vessel ischemic change.", "Chronic small vessel ischemic change."),
             ("A {mm} mm hyperdense extra-axial collection over the {side} convexity, compatible with a subdural hematoma.", "Acute {side} subdural hematoma, {mm} mm. No midline shift."),
             ("Mild generalized volume loss, with prominence of the sulci and ventricles.", "Age-related volume loss."),
             ("Mucosal thickening in the {side} maxillary sinus.", "Mild {side} maxillary sinus disease.")],
            ["No acute intracranial abnormality.", "Normal noncontrast CT of the head."]),
        ["CT CHEST"] = new(
            ["CT CHEST WITH CONTRAST", "CT THORAX", "HIGH-RESOLUTION CT CHEST"],
            ["Cough and dyspnea.", "Follow-up of pulmonary nodule.", "Chest pain, rule out pulmonary embolism.", "Staging of known malignancy."],
            ["Helical CT of the chest after intravenous contrast, with 1 mm lung and 3 mm soft-tissue reconstructions.", "Axial images of the thorax from the lung apices to the adrenal glands."],
            ["The lungs are clear, without consolidation, effusion or pneumothorax.", "The central airways are patent.", "Heart size is normal. No pericardial effusion.", "No mediastinal, hilar or axillary lymphadenopathy.", "The visualized osseous structures are unremarkable."],
            [("A {mm} mm solid nodule in the {side} upper lobe.", "{mm} mm {side} upper lobe nodule; follow-up CT is recommended."),
             ("Small {side} pleural effusion with adjacent compressive atelectasis.", "Small {side} pleural effusion."),
             ("Centrilobular emphysema, most pronounced in the upper lobes.", "Emphysema."),
             ("Patchy consolidation in the {side} lower lobe, with air bronchograms.", "{side} lower lobe pneumonia.")],
            ["No acute cardiopulmonary abnormality.", "Normal CT of the chest."]),
        ["CT ABDOMEN"] = new(
            ["CT ABDOMEN AND PELVIS WITH CONTRAST", "CT ABDOMEN"],
            ["Abdominal pain.", "Right lower quadrant pain, rule out appendicitis.", "Weight loss.", "Follow-up of renal lesion."],
            ["Helical CT of the abdomen and pelvis in the portal venous phase after intravenous contrast.", "Axial images from the diaphragm to the pubic symphysis, with oral and intravenous contrast."],
            ["The liver, spleen, pancreas and adrenal glands are unremarkable.", "The kidneys enhance symmetrically, without hydronephrosis.", "The bowel is normal in caliber, without wall thickening.", "No free fluid or free air.", "The abdominal aorta is normal in caliber."],
            [("A {mm} mm simple cyst in the {side} kidney.", "Simple {side} renal cyst, no follow-up needed."),
             ("A {mm} mm hypodense lesion in the right hepatic lobe, too small to characterize.", "Indeterminate {mm} mm hepatic lesion."),
             ("Gallstones without gallbladder wall thickening.", "Cholelithiasis without cholecystitis."),
             ("Diverticulosis of the sigmoid colon, without surrounding inflammation.", "Sigmoid diverticulosis.")],
            ["No acute abnormality in the abdomen or pelvis.", "Normal CT of the abdomen."]),
        ["MR HEAD"] = new(
            ["MRI BRAIN WITHOUT CONTRAST", "MR BRAIN"],
            ["Headache.", "Seizure.", "Memory loss.", "Numbness, rule out demyelinating disease."],
            ["Multiplanar, multisequence MR imaging of the brain, including T1, T2, FLAIR and diffusion-weighted sequences.", "Axial T1, T2 and FLAIR images of the brain at 3 T."],
            ["No restricted diffusion to suggest acute infarct.", "No intracranial mass, hemorrhage or extra-axial collection.", "The ventricles are normal in size.", "Normal flow voids in the major intracranial vessels.", "The pituitary gland and craniocervical junction are unremarkable."],
            [("Scattered punctate T2/FLAIR hyperintensities in the periventricular and subcortical white matter.", "Nonspecific white matter hyperintensities, likely chronic microvascular change."),
             ("A {mm} mm extra-axial, dural-based mass along the {side} frontal convexity.", "{mm} mm {side} frontal meningioma."),
             ("Several ovoid periventricular lesions oriented perpendicular to the ventricles.", "Findings suggestive of demyelinating disease."),
             ("Mucous retention cyst in the {side} maxillary sinus.", "Incidental {side} maxillary retention cyst.")],
            ["Normal MRI of the brain.", "No acute intracranial abnormality."]),
        ["MR KNEE"] = new(
            ["MRI KNEE WITHOUT CONTRAST", "MR {SIDE} KNEE"],
            ["Knee pain after twisting injury.", "Locking and swelling.", "Medial joint line pain.", "Instability after sports injury."],
            ["Multiplanar proton-density with and without fat saturation and T1-weighted images of the knee.", "Coronal and sagittal PD fat-saturated and coronal T1 images of the {side} knee."],
            ["The menisci are intact.", "The cruciate and collateral ligaments are intact.", "The articular cartilage is preserved.", "No bone marrow edema.", "The extensor mechanism is intact. No joint effusion."],
            [("Oblique tear of the posterior horn of the medial meniscus extending to the inferior articular surface.", "Medial meniscus posterior horn tear."),
             ("Discontinuity of the anterior cruciate ligament fibres with bone bruising of the lateral femoral condyle.", "Complete ACL tear."),
             ("Moderate joint effusion and a {mm} mm popliteal cyst.", "Joint effusion and Baker cyst."),
             ("Full-thickness cartilage loss over the medial femoral condyle with subchondral edema.", "Medial compartment osteoarthritis.")],
            ["Normal MRI of the {side} knee.", "No internal derangement."]),
        ["CHEST"] = new(
            ["XR CHEST PA", "CHEST RADIOGRAPH, 1 VIEW", "CHEST X-RAY PA"],
            ["Cough.", "Fever.", "Shortness of breath.", "Preoperative evaluation.", "Follow-up of pneumonia."],
            ["Single frontal view of the chest.", "PA radiograph of the chest in inspiration.", "Frontal radiograph of the chest, upright."],
            ["The lungs are clear.", "No pleural effusion or pneumothorax.", "The cardiomediastinal silhouette is within normal limits.", "The osseous structures are intact."],
            [("Patchy airspace opacity in the {side} lower zone.", "{side} lower zone pneumonia."),
             ("Blunting of the {side} costophrenic angle.", "Small {side} pleural effusion."),
             ("The cardiac silhouette is enlarged, with a cardiothoracic ratio above 0.5.", "Cardiomegaly."),
             ("A {mm} mm nodular opacity projects over the {side} mid zone.", "{mm} mm {side} pulmonary nodule; CT is suggested.")],
            ["No acute cardiopulmonary process.", "Normal chest radiograph."]),
        ["HAND"] = new(
            ["XR HAND 3 VIEWS", "{SIDE} HAND RADIOGRAPHS", "RADIOGRAPH OF THE {SIDE} HAND"],
            ["Trauma, pain.", "Fall on outstretched hand.", "Joint swelling.", "Rule out fracture."],
            ["PA and oblique views of the {side} hand.", "Three views of the {side} hand."],
            ["No acute fracture or dislocation.", "The joint spaces are preserved.", "Bone mineralization is normal.", "No soft tissue swelling or radiopaque foreign body."],
            [("A nondisplaced transverse fracture through the neck of the fifth metacarpal.", "Fifth metacarpal neck (boxer's) fracture."),
             ("Joint space narrowing and osteophytes at the distal interphalangeal joints.", "Osteoarthritis of the DIP joints."),
             ("Periarticular osteopenia with marginal erosions at the metacarpophalangeal joints.", "Erosive arthropathy, consider inflammatory arthritis."),
             ("A {mm} mm radiopaque foreign body in the soft tissues of the index finger.", "Radiopaque foreign body in the index finger.")],
            ["No acute osseous abnormality.", "Normal radiographs of the {side} hand."]),
        ["US ABDOMEN"] = new(
            ["US ABDOMEN COMPLETE", "ULTRASOUND OF THE ABDOMEN"],
            ["Right upper quadrant pain.", "Abnormal liver function tests.", "Nausea.", "Follow-up of gallstones."],
            ["Real-time grayscale and color Doppler sonography of the abdomen.", "Transabdominal ultrasound with a curved array transducer."],
            ["The liver is normal in size and echotexture, without focal lesion.", "The gallbladder is without stones or wall thickening.", "The common bile duct is not dilated.", "The kidneys are normal in size without hydronephrosis.", "The spleen and visualized pancreas are unremarkable."],
            [("Increased hepatic echogenicity with posterior beam attenuation.", "Hepatic steatosis."),
             ("Multiple mobile echogenic foci with posterior acoustic shadowing in the gallbladder.", "Cholelithiasis."),
             ("A {mm} mm anechoic cyst with posterior acoustic enhancement in the {side} kidney.", "Simple {side} renal cyst."),
             ("Small amount of free fluid in Morison's pouch.", "Small volume ascites.")],
            ["Normal abdominal ultrasound.", "No sonographic abnormality."]),
        ["MG BREAST"] = new(
            ["BILATERAL SCREENING MAMMOGRAM", "DIAGNOSTIC MAMMOGRAM"],
            ["Screening.", "Palpable lump in the {side} breast.", "Family history of breast cancer.", "Annual follow-up."],
            ["Bilateral CC and MLO views, digital mammography with CAD.", "Standard craniocaudal and mediolateral oblique views of both breasts."],
            ["The breasts are heterogeneously dense.", "No suspicious mass, architectural distortion or suspicious calcifications.", "The skin and nipples are normal.", "No axillary adenopathy."],
            [("A cluster of fine pleomorphic calcifications in the upper outer quadrant of the {side} breast.", "Suspicious calcifications in the {side} breast. BI-RADS 4; stereotactic biopsy recommended."),
             ("A {mm} mm circumscribed oval mass in the {side} breast.", "Probably benign {side} breast mass. BI-RADS 3; short-interval follow-up."),
             ("Scattered benign-appearing vascular calcifications.", "Benign findings. BI-RADS 2."),
             ("Focal asymmetry in the {side} breast on the CC view only.", "{side} focal asymmetry. BI-RADS 0; additional imaging recommended.")],
            ["No mammographic evidence of malignancy. BI-RADS 1.", "Negative mammogram. BI-RADS 1."]),
    };

    /// <summary>
    /// The report text of a study of class <paramref name="className"/> (e.g. <c>CR CHEST</c>), deterministic in
    /// <paramref name="seed"/>. Lines are separated by <c>\n</c>; sentences contain commas. <paramref name="laterality"/>
    /// ("L"/"R") fixes the side the report speaks of, as the images' Laterality tag says; otherwise it is drawn.
    /// </summary>
    public static string Write(string className, ulong seed, string? laterality = null)
    {
        var r = new DemoRandom(seed);
        var region = className[(className.IndexOf(' ') + 1)..];
        var v = Vocabularies.TryGetValue(className, out var exact) ? exact : Vocabularies[region];
        var side = r.Chance(0.5) ? "left" : "right";
        if (laterality is "L" or "R") side = laterality == "L" ? "left" : "right";
        var mm = r.Next(3, 26).ToString(CultureInfo.InvariantCulture);
        var findings = v.Normal.Where(_ => r.Chance(0.8)).ToList();
        if (findings.Count == 0) findings.Add(v.Normal[0]);
        var impressions = new List<string>();
        if (r.Chance(0.45))
        {
            var first = r.Next(0, v.Abnormal.Length);
            var picks = r.Chance(0.3) ? new[] { first, (first + 1 + r.Next(0, v.Abnormal.Length - 1)) % v.Abnormal.Length } : [first];
            foreach (var p in picks)
            {
                findings.Insert(r.Next(0, findings.Count + 1), v.Abnormal[p].Finding);
                impressions.Add(v.Abnormal[p].Impression);
            }
        }
        else impressions.Add(r.Pick(v.NormalImpressions));

        var text = new StringBuilder();
        text.Append("EXAM: ").Append(r.Pick(v.Exams)).Append('\n');
        text.Append("CLINICAL HISTORY: ").Append(r.Pick(v.Histories)).Append('\n');
        text.Append("TECHNIQUE: ").Append(r.Pick(v.Techniques)).Append('\n');
        text.Append("COMPARISON: ").Append(r.Chance(0.6) ? "None." : "Prior study from " + r.Next(2, 24) + " months ago.").Append('\n');
        text.Append("FINDINGS: ").Append(string.Join(" ", findings)).Append('\n');
        text.Append("IMPRESSION: ");
        text.Append(impressions.Count == 1 ? impressions[0] : string.Join(" ", impressions.Select((s, k) => $"{k + 1}. {s}")));
        return Capitalise(text.ToString().Replace("{mm}", mm, StringComparison.Ordinal)
            .Replace("{SIDE}", side.ToUpperInvariant(), StringComparison.Ordinal)
            .Replace("{side}", side, StringComparison.Ordinal));
    }

    private static string Capitalise(string text)
    {
        var chars = text.ToCharArray();
        for (var k = 0; k < chars.Length - 1; k++)
        {
            var start = k == 0 || chars[k - 1] == '\n' || (k >= 2 && chars[k - 1] == ' ' && (chars[k - 2] is '.' or ':'));
            if (start && char.IsLower(chars[k])) chars[k] = char.ToUpperInvariant(chars[k]);
        }
        return new string(chars);
    }
}
