using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Model;
using CancelJobs.Engine.Validation;

namespace CancelJobs.Engine.DataZone
{
    public sealed class DataZoneMetadataGenerationRunTarget
    {
        public DataZoneMetadataGenerationRunTarget(string domainIdentifier, string identifier)
        {
            DomainIdentifier = domainIdentifier;
            Identifier = identifier;
        }

        public string DomainIdentifier { get; }
        public string Identifier { get; }
    }
}
