using System.Collections.Generic;

namespace CancelJobs.Engine.Validation
{
    /// <summary>
    /// The identifier constraints of the four services' models (models/aws-model-constraints.json, checked against it by
    /// ModelBoundaryTests). Where one is stricter than the model, the comment says why and the tests list it as a deviation.
    /// Every rule also refuses the empty value (each member is required, or its model minimum is 1) and control characters.
    /// </summary>
    public static class IdentifierRules
    {
        public static readonly IdentifierRule TwinMakerId = new IdentifierRule("TwinMaker Id", 1, 128, @"^[a-zA-Z_0-9][a-zA-Z_\-0-9]*[a-zA-Z0-9]+$");
        public static readonly IdentifierRule IoTJobId = new IdentifierRule("IoT JobId", 1, 64, @"^[a-zA-Z0-9_-]+$");
        public static readonly IdentifierRule IoTThingName = new IdentifierRule("IoT ThingName", 1, 128, @"^[a-zA-Z0-9:_-]+$");
        public static readonly IdentifierRule IoTStatusDetailKey = new IdentifierRule("status detail key", 1, 128, @"^[a-zA-Z0-9:_-]+$");
        // The model's [^\p{C}]+ counts whole characters; .NET's regex sees the two halves of an emoji (Cs) instead, and
        // lone halves are already refused as control characters. The model sets no maximum; 1,024 is the IoT API
        // reference's (JobExecutionState: "The maximum length of the value in the name/value pair is 1,024 characters").
        public static readonly IdentifierRule IoTStatusDetailValue = new IdentifierRule("status detail value", 1, 1024, @"^[^\p{Cc}\p{Cf}\p{Co}\p{Cn}]+$");
        public const int IoTMaxStatusDetails = 10;
        // The model's minimum is 0, but an empty name or ARN names no project (the API reference: "The migration project
        // name or Amazon Resource Name (ARN)", required).
        public static readonly IdentifierRule DmsMigrationProject = new IdentifierRule("DMS migration project name or ARN", 1, 255, null);
        // The model sets nothing beyond "required": no length, no pattern.
        public static readonly IdentifierRule DmsRequestIdentifier = new IdentifierRule("DMS request identifier", 1, int.MaxValue, null);
        public static readonly IdentifierRule DataZoneDomainId = new IdentifierRule("DataZone domain id", 5, 40, @"^dzd[-_][a-zA-Z0-9_-]{1,36}$");
        public static readonly IdentifierRule DataZoneRunId = new IdentifierRule("DataZone metadata generation run id", 1, 36, @"^[a-zA-Z0-9_-]{1,36}$");
        public static readonly IdentifierRule DataZoneEntityId = new IdentifierRule("DataZone asset id", 1, 36, @"^[a-zA-Z0-9_-]{1,36}$");

        /// <summary>Runs each check and collects the problems, so one message names all of them.</summary>
        public static IReadOnlyList<string> Collect(params string?[] problems)
        {
            var list = new List<string>();
            foreach (var problem in problems)
            {
                if (problem != null)
                {
                    list.Add(problem);
                }
            }
            return list;
        }
    }
}
