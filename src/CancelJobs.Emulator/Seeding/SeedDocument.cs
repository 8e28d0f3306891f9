using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using CancelJobs.Emulator.Services.DataZone;
using CancelJobs.Emulator.Services.Dms;
using CancelJobs.Emulator.Services.IoT;
using CancelJobs.Emulator.Services.TwinMaker;

namespace CancelJobs.Emulator.Seeding;

/// <summary>
/// Jobs to load into the emulator (and the shape GET /_emulator/jobs answers with). camelCase JSON;
/// every member except each item's key is optional.
/// </summary>
public sealed class SeedDocument
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    public List<TwinMakerSeed>? TwinMaker { get; set; }
    public List<IoTSeed>? Iot { get; set; }
    public List<DmsSeed>? Dms { get; set; }
    public List<DataZoneSeed>? DataZone { get; set; }

    /// <summary>The sections of the stores that declare their own (Services/*: ISeedSection), by name, e.g. "iotJobs".</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Sections { get; set; }

    /// <exception cref="JsonException">The text is not a seed document.</exception>
    public static SeedDocument Parse(string json) =>
        JsonSerializer.Deserialize<SeedDocument>(json, JsonOptions) ?? new SeedDocument();

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
