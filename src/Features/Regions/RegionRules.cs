using System.Text.RegularExpressions;

namespace RadiologyNet.Features.Regions;

/// <summary>
/// The rules that map free text (BodyPartExamined, study/series/protocol/procedure descriptions) to the
/// RadiologyNET region set, in English, German and Croatian (plus the Latin/Romance/Dutch stems common in
/// European archives). Text is upper-cased and stripped of diacritics before matching. Rules are tried in
/// order, most specific first, so "THORACIC SPINE" is TSPINE and not CHEST, "HANDGELENK" WRIST and not HAND.
/// </summary>
internal static class RegionRules
{
    public static readonly (string Region, Regex Pattern)[] Ordered =
    [
        ("CSPINE", Words(@"C ?SPINE|CERVICAL SPINE|HWS|HALSWIRBELSAULE|VRATN\w* KRALJ\w*|VRATNA")),
        ("TSPINE", Words(@"T ?SPINE|TH ?SPINE|THORACIC SPINE|DORSAL SPINE|BWS|BRUSTWIRBELSAULE|TORAKALN\w*|PRSN\w* KRALJ\w*")),
        ("LSPINE", Words(@"L ?SPINE|LS ?SPINE|LUMBAR\w*|LUMBOSACRAL|LWS|LENDENWIRBELSAULE|SLABINSK\w*|LUMBALN\w*|SSPINE|SACRUM")),
        ("SPINE", Words(@"SPINE|SPINAL|WIRBELSAULE|KRALJE\w*|COLUMNA|MYELO\w*")),
        ("WHOLEBODY", Words(@"WHOLE ?BODY|TOTAL ?BODY|GANZKORPER|CIJELO TIJELO|CITAVO TIJELO")),
        ("BREAST", Words(@"BREAST|MAMM\w*|DOJK\w*|BORST|BRUSTDRUSE")),
        ("HEART", Words(@"HEART|CARDIAC|CARDIO\w*|ECHOCARD\w*|CORONAR\w*|KORONAR\w*|HERZ|SRCE|SRCA")),
        ("SKULL", Words(@"SKULL|SCHADEL|LUBANJ\w*")),
        ("WRIST", Words(@"WRIST|HANDGELENK|ZAPESC\w*|RUCN\w* ZGLOB")),
        ("SHOULDER", Words(@"SHOULDER|SCHULTER|RAME|RAMENA|RAMENO|CLAVICLE|KLAVIKUL\w*")),
        ("ELBOW", Words(@"ELBOW|ELLENBOGEN|LAKAT|LAKTA")),
        ("HAND", Words(@"HANDS?|SAKA|SAKE|FINGERS?|PRST\w*")),
        ("ARM", Words(@"ARM|FOREARM|UNTERARM|OBERARM|HUMERUS|NADLAKTIC\w*|PODLAKTIC\w*")),
        ("HIP", Words(@"HIPS?|HUFTE|KUK|KUKA|KUKOVA")),
        ("KNEE", Words(@"KNEES?|KNIE|KOLJEN\w*")),
        ("ANKLE", Words(@"ANKLES?|SPRUNGGELENK|GLEZAN\w*|SKOCN\w*")),
        ("FOOT", Words(@"FOOT|FEET|FUSS|STOPAL\w*")),
        ("LEG", Words(@"LEGS?|FEMUR|TIBIA|FIBULA|OBERSCHENKEL|UNTERSCHENKEL|NATKOLJENIC\w*|POTKOLJENIC\w*")),
        ("NECK", Words(@"NECK|HALS|VRAT|THYROID|SCHILDDRUSE|STITNJAC\w*")),
        ("HEAD", Words(@"HEAD|BRAIN|CRANI\w*|CRANIO|KOPF|HIRN|SCHADELHOHLE|GLAVA|GLAVE|MOZAK|MOZGA|NEURO\w*|SELLA|CEREBR\w*|ORBIT\w*|SINUS\w*")),
        ("PELVIS", Words(@"PELVIS|PELVIC|BECKEN|ZDJELIC\w*|COCCYX|PROSTAT\w*")),
        ("ABDOMEN", Words(@"ABDOMEN|ABD|ABDOMINAL\w*|BAUCH|OBERBAUCH|UNTERBAUCH|TRBUH\w*|ABDOMINALN\w*|LIVER|LEBER|JETR\w*|PANCREAS|PANKREAS|GUSTERAC\w*|KIDNEYS?|NIERE\w*|BUBREG\w*|RENAL")),
        ("CHEST", Words(@"CHEST|THORAX|THORAC\w*|LUNGS?|LUNGE|PULMO\w*|PLUC\w*|TORAKS|GRUDN\w*|CXR")),
    ];

    /// <summary>MR sequence names that are, in practice, neuro protocols; applied to MR only and last.</summary>
    public static readonly Regex MrNeuroSequences = Words(@"MP ?RAGE|MEMPRAGE|FLAIR|DTI|DMRI|DWI|BOLD|FMAP|SWI|EPI BOLD");

    private static Regex Words(string alternatives) =>
        new($@"(?<![A-Z0-9])(?:{alternatives})(?![A-Z0-9])", RegexOptions.CultureInvariant | RegexOptions.Compiled);
}
