using StrategicTech.Autopilot.Flight;
using StrategicTech.Autopilot.Parameters;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Microservices.Parameters;

namespace StrategicTech.Autopilot.Tests.Comms;

/// <summary>PARAM_SET through the endpoint when the value is valid alone but breaks a cross-parameter rule.</summary>
public class ParameterCombinationEndpointTests
{
    [Fact]
    public void A_set_breaking_a_cross_parameter_rule_is_echoed_with_the_old_value_not_saved_and_later_valid_sets_work()
    {
        ParameterStore store = FlightParameterDefinitions.CreateStore();
        int persisted = 0;
        var h = new EndpointHarness(store, _ => persisted++);
        double hoverBefore = store.Get("MPC_THR_HOVER");
        long versionBefore = store.Version;

        // 0.06 is inside MPC_THR_HOVER's own range [0.05, 0.95] but below MPC_THR_MIN (0.08): MIN < HOVER is broken.
        ParamValue echo = Set(h, "MPC_THR_HOVER", 0.06f);
        Assert.Equal((float)hoverBefore, Decoded(echo));
        Assert.Equal(hoverBefore, store.Get("MPC_THR_HOVER"));
        Assert.Equal(versionBefore, store.Version);
        Assert.Equal(0, persisted);
        Assert.Equal(1, h.Endpoint.Parameters!.RejectedSets);
        Assert.Contains("MPC_THR_HOVER", store.LastCombinationProblem, StringComparison.Ordinal);

        // A later valid set of the same parameter, and of another one, are stored, saved and echoed.
        echo = Set(h, "MPC_THR_HOVER", 0.4f);
        Assert.Equal(0.4f, Decoded(echo));
        Assert.Equal(0.4f, (float)store.Get("MPC_THR_HOVER"));
        echo = Set(h, "MIS_TAKEOFF_ALT", 7f);
        Assert.Equal(7f, Decoded(echo));
        Assert.Equal(7, store.Get("MIS_TAKEOFF_ALT"));
        Assert.Equal(2, persisted);
        Assert.Equal(1, h.Endpoint.Parameters.RejectedSets);
        Assert.Null(FlightParameterDefinitions.CombinationProblem(store));
    }

    private static float Decoded(in ParamValue echo)
    {
        Assert.True(ParameterCodec.TryDecode(echo.ParamValueValue, echo.ParamType, ParameterEncoding.Bytewise, out ParameterValue value));
        return (float)value.AsDouble;
    }

    private static ParamValue Set(EndpointHarness h, string name, float value)
    {
        var set = new ParamSet { TargetSystem = 1, TargetComponent = 1, ParamType = MavParamType.Real32 };
        set.ParamValue = ParameterCodec.Encode(ParameterValue.FromFloat(value), ParameterEncoding.Bytewise);
        MavlinkText.Encode(name, set.ParamId);
        h.Received.Clear();
        h.Ground.Send(set);
        return h.Received.Single<ParamValue>();
    }
}
