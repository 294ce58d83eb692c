using System.Text.Json.Serialization;

namespace StrategicTech.Drivers.Vda5050.Messages;

/// <summary>
/// Topic <c>factsheet</c> in the 3.0.0 layout: the 2.x content under 3.0's names (mobileRobot* instead of agv*,
/// minimum/maximum spelled out, envelope ids and vertices) plus what 3.0 adds (supported zone types, angular speed
/// limits, per-action pause/cancel, battery charging levels). Built from a <see cref="Factsheet"/> by
/// <see cref="From"/>, so a vehicle describes itself once and answers in the version of each connection.
/// </summary>
public sealed class FactsheetV3 : Vda5050Message
{
    [JsonPropertyName("typeSpecification")]
    public required TypeSpecificationV3 TypeSpecification { get; set; }

    [JsonPropertyName("physicalParameters")]
    public required PhysicalParametersV3 PhysicalParameters { get; set; }

    [JsonPropertyName("protocolLimits")]
    public required ProtocolLimitsV3 ProtocolLimits { get; set; }

    [JsonPropertyName("protocolFeatures")]
    public required ProtocolFeaturesV3 ProtocolFeatures { get; set; }

    [JsonPropertyName("mobileRobotGeometry")]
    public required MobileRobotGeometry MobileRobotGeometry { get; set; }

    [JsonPropertyName("loadSpecification")]
    public required LoadSpecificationV3 LoadSpecification { get; set; }

    [JsonPropertyName("mobileRobotConfiguration")]
    public MobileRobotConfiguration? MobileRobotConfiguration { get; set; }

    /// <summary>The 3.0 form of a 2.x description; the header is left for the sending client to stamp.</summary>
    public static FactsheetV3 From(Factsheet f)
    {
        ArgumentNullException.ThrowIfNull(f);
        FactsheetV3Additions extra = f.V3Additions ?? new FactsheetV3Additions();
        PhysicalParameters p = f.PhysicalParameters;
        MaxStringLengths s = f.ProtocolLimits.MaxStringLens;
        MaxArrayLengths a = f.ProtocolLimits.MaxArrayLens;
        ProtocolTiming t = f.ProtocolLimits.Timing;
        return new FactsheetV3
        {
            HeaderId = f.HeaderId,
            Timestamp = f.Timestamp,
            Version = f.Version,
            Manufacturer = f.Manufacturer,
            SerialNumber = f.SerialNumber,
            TypeSpecification = new TypeSpecificationV3
            {
                SeriesName = f.TypeSpecification.SeriesName,
                SeriesDescription = f.TypeSpecification.SeriesDescription,
                MobileRobotKinematics = f.TypeSpecification.AgvKinematic,
                MobileRobotClass = f.TypeSpecification.AgvClass,
                MaximumLoadMassKg = f.TypeSpecification.MaxLoadMassKg,
                LocalizationTypes = [.. f.TypeSpecification.LocalizationTypes],

                // 3.0 renamed AUTONOMOUS to FREELY_NAVIGATING.
                NavigationTypes = [.. f.TypeSpecification.NavigationTypes.Select(n => n == "AUTONOMOUS" ? "FREELY_NAVIGATING" : n)],
                SupportedZones = extra.SupportedZones,
            },
            PhysicalParameters = new PhysicalParametersV3
            {
                MinimumSpeedMps = p.SpeedMinMps,
                MaximumSpeedMps = p.SpeedMaxMps,
                MinimumAngularSpeedRadps = extra.MinimumAngularSpeedRadps,
                MaximumAngularSpeedRadps = extra.MaximumAngularSpeedRadps,
                MaximumAccelerationMps2 = p.AccelerationMaxMps2,
                MaximumDecelerationMps2 = p.DecelerationMaxMps2,
                MinimumHeightM = p.HeightMinM ?? 0,
                MaximumHeightM = p.HeightMaxM,
                WidthM = p.WidthM,
                LengthM = p.LengthM,
            },
            ProtocolLimits = new ProtocolLimitsV3
            {
                MaximumStringLengths = new MaximumStringLengths
                {
                    MaximumMessageLength = s.MsgLen,
                    MaximumTopicSerialLength = s.TopicSerialLen,
                    MaximumTopicElementLength = s.TopicElemLen,
                    MaximumIdLength = s.IdLen,
                    IdNumericalOnly = s.IdNumericalOnly,
                    MaximumLoadIdLength = s.LoadIdLen,
                },
                MaximumArrayLengths = new MaxArrayLengthsV3
                {
                    OrderNodes = a.OrderNodes,
                    OrderEdges = a.OrderEdges,
                    NodeActions = a.NodeActions,
                    EdgeActions = a.EdgeActions,
                    ActionsParameters = a.ActionsParameters,
                    InstantActions = a.InstantActions,
                    StateNodeStates = a.StateNodeStates,
                    StateEdgeStates = a.StateEdgeStates,
                    StateLoads = a.StateLoads,
                    StateActionStates = a.StateActionStates,
                    StateErrors = a.StateErrors,
                    StateInformation = a.StateInformation,
                },
                Timing = new ProtocolTimingV3
                {
                    MinimumOrderIntervalS = t.MinOrderIntervalS,
                    MinimumStateIntervalS = t.MinStateIntervalS,
                    DefaultStateIntervalS = t.DefaultStateIntervalS,
                    VisualizationIntervalS = t.VisualizationIntervalS,
                },
            },
            ProtocolFeatures = new ProtocolFeaturesV3
            {
                OptionalParameters = [.. f.ProtocolFeatures.OptionalParameters],
                MobileRobotActions = [.. f.ProtocolFeatures.AgvActions.Select(x => new MobileRobotActionDescription
                {
                    ActionType = x.ActionType,
                    ActionDescription = x.ActionDescription,
                    ActionScopes = [.. x.ActionScopes],
                    ActionParameters = x.ActionParameters,
                    ActionResult = x.ResultDescription,
                    BlockingTypes = x.BlockingTypes,
                    PauseAllowed = x.PauseAllowed,
                    CancelAllowed = x.CancelAllowed,
                })],
            },
            MobileRobotGeometry = new MobileRobotGeometry
            {
                WheelDefinitions = f.AgvGeometry.WheelDefinitions,
                Envelopes2d = f.AgvGeometry.Envelopes2d?.Select(e => new Envelope2dV3
                {
                    Envelope2dId = e.Set,
                    Vertices = e.PolygonPoints,
                    Description = e.Description,
                }).ToList(),
            },
            LoadSpecification = new LoadSpecificationV3
            {
                LoadPositions = f.LoadSpecification.LoadPositions,
                LoadSets = f.LoadSpecification.LoadSets?.Select(l => new LoadSetV3
                {
                    SetName = l.SetName,
                    LoadType = l.LoadType,
                    LoadPositions = l.LoadPositions,
                    LoadDimensions = l.LoadDimensions,
                    MaximumWeightKg = l.MaxWeightKg,
                    MaximumSpeedMps = l.AgvSpeedLimitMps,
                    PickTimeS = l.PickTimeS,
                    DropTimeS = l.DropTimeS,
                    Description = l.Description,
                }).ToList(),
            },
            MobileRobotConfiguration = f.VehicleConfig is null && extra.BatteryCharging is null
                ? null
                : new MobileRobotConfiguration { Versions = f.VehicleConfig?.Versions, BatteryCharging = extra.BatteryCharging },
        };
    }
}

/// <summary>What only a 3.0 factsheet carries (kept beside a 2.x description, written only in the 3.0 layout).</summary>
public sealed class FactsheetV3Additions
{
    /// <summary>Zone types the robot honours (BLOCKED, SPEED_LIMIT, ...).</summary>
    public List<string>? SupportedZones { get; set; }

    public double? MinimumAngularSpeedRadps { get; set; }

    public double? MaximumAngularSpeedRadps { get; set; }

    public BatteryCharging? BatteryCharging { get; set; }
}

public sealed class PhysicalParametersV3
{
    [JsonPropertyName("minimumSpeed")]
    public required double MinimumSpeedMps { get; set; }

    [JsonPropertyName("maximumSpeed")]
    public required double MaximumSpeedMps { get; set; }

    [JsonPropertyName("minimumAngularSpeed")]
    public double? MinimumAngularSpeedRadps { get; set; }

    [JsonPropertyName("maximumAngularSpeed")]
    public double? MaximumAngularSpeedRadps { get; set; }

    [JsonPropertyName("maximumAcceleration")]
    public required double MaximumAccelerationMps2 { get; set; }

    [JsonPropertyName("maximumDeceleration")]
    public required double MaximumDecelerationMps2 { get; set; }

    [JsonPropertyName("minimumHeight")]
    public required double MinimumHeightM { get; set; }

    [JsonPropertyName("maximumHeight")]
    public required double MaximumHeightM { get; set; }

    [JsonPropertyName("width")]
    public required double WidthM { get; set; }

    [JsonPropertyName("length")]
    public required double LengthM { get; set; }
}

public sealed class ProtocolLimitsV3
{
    [JsonPropertyName("maximumStringLengths")]
    public required MaximumStringLengths MaximumStringLengths { get; set; }

    [JsonPropertyName("maximumArrayLengths")]
    public required MaxArrayLengthsV3 MaximumArrayLengths { get; set; }

    [JsonPropertyName("timing")]
    public required ProtocolTimingV3 Timing { get; set; }
}

public sealed class MaximumStringLengths
{
    [JsonPropertyName("maximumMessageLength")]
    public int? MaximumMessageLength { get; set; }

    [JsonPropertyName("maximumTopicSerialLength")]
    public int? MaximumTopicSerialLength { get; set; }

    [JsonPropertyName("maximumTopicElementLength")]
    public int? MaximumTopicElementLength { get; set; }

    [JsonPropertyName("maximumIdLength")]
    public int? MaximumIdLength { get; set; }

    [JsonPropertyName("idNumericalOnly")]
    public bool? IdNumericalOnly { get; set; }

    [JsonPropertyName("maximumLoadIdLength")]
    public int? MaximumLoadIdLength { get; set; }
}

public sealed class ProtocolFeaturesV3
{
    [JsonPropertyName("optionalParameters")]
    public required List<OptionalParameter> OptionalParameters { get; set; }

    [JsonPropertyName("mobileRobotActions")]
    public required List<MobileRobotActionDescription> MobileRobotActions { get; set; }
}

public sealed class Envelope2dV3
{
    [JsonPropertyName("envelope2dId")]
    public required string Envelope2dId { get; set; }

    [JsonPropertyName("vertices")]
    public required List<PolygonPoint> Vertices { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }
}

public sealed class LoadSpecificationV3
{
    [JsonPropertyName("loadPositions")]
    public List<string>? LoadPositions { get; set; }

    [JsonPropertyName("loadSets")]
    public List<LoadSetV3>? LoadSets { get; set; }
}

/// <summary>3.0: charge levels in percent and the shortest charging time in seconds.</summary>
public sealed class BatteryCharging
{
    [JsonPropertyName("criticalLowChargingLevel")]
    public double? CriticalLowChargingLevelPercent { get; set; }

    [JsonPropertyName("minimumDesiredChargingLevel")]
    public double? MinimumDesiredChargingLevelPercent { get; set; }

    [JsonPropertyName("maximumDesiredChargingLevel")]
    public double? MaximumDesiredChargingLevelPercent { get; set; }

    [JsonPropertyName("minimumChargingTime")]
    public double? MinimumChargingTimeS { get; set; }
}

public sealed class TypeSpecificationV3 : TypeSpecificationBase
{
    [JsonPropertyName("mobileRobotKinematics")]
    public required string MobileRobotKinematics { get; set; }

    [JsonPropertyName("mobileRobotClass")]
    public required string MobileRobotClass { get; set; }

    [JsonPropertyName("maximumLoadMass")]
    public required double MaximumLoadMassKg { get; set; }

    [JsonPropertyName("supportedZones")]
    public List<string>? SupportedZones { get; set; }
}

public sealed class ProtocolTimingV3 : ProtocolTimingBase
{
    [JsonPropertyName("minimumOrderInterval")]
    public required double MinimumOrderIntervalS { get; set; }

    [JsonPropertyName("minimumStateInterval")]
    public required double MinimumStateIntervalS { get; set; }
}

/// <summary>3.0 array limits: the 2.x ones plus zone sets, instant action states and zone action states.</summary>
public sealed class MaxArrayLengthsV3 : MaxArrayLengthsBase
{
    [JsonPropertyName("zoneSet.zones")]
    public int? ZoneSetZones { get; set; }

    [JsonPropertyName("state.instantActionStates")]
    public int? StateInstantActionStates { get; set; }

    [JsonPropertyName("state.zoneActionStates")]
    public int? StateZoneActionStates { get; set; }
}

public sealed class MobileRobotActionDescription : ActionDescriptionBase
{
    [JsonPropertyName("actionResult")]
    public string? ActionResult { get; set; }

    /// <summary>NONE, SOFT, SINGLE, HARD.</summary>
    [JsonPropertyName("blockingTypes")]
    public List<string>? BlockingTypes { get; set; }

    [JsonPropertyName("pauseAllowed")]
    public required bool PauseAllowed { get; set; }

    [JsonPropertyName("cancelAllowed")]
    public required bool CancelAllowed { get; set; }
}

public sealed class MobileRobotGeometry : GeometryBase
{
    [JsonPropertyName("envelopes2d")]
    public List<Envelope2dV3>? Envelopes2d { get; set; }
}

public sealed class LoadSetV3 : LoadSetBase
{
    [JsonPropertyName("maximumWeight")]
    public double? MaximumWeightKg { get; set; }

    [JsonPropertyName("maximumSpeed")]
    public double? MaximumSpeedMps { get; set; }
}

public sealed class MobileRobotConfiguration : ConfigurationBase
{
    [JsonPropertyName("batteryCharging")]
    public BatteryCharging? BatteryCharging { get; set; }
}
