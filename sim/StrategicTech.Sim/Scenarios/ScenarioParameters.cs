using System.Text.Json;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Autopilot.Parameters;

namespace StrategicTech.Sim.Scenarios;

/// <summary>
/// Reads a scenario's <c>"parameters": { "NAV_DLL_ACT": 2, … }</c>: each name must be in the vehicle's parameter table
/// and each value within its range, and the whole set must bind (cross-parameter rules), else a
/// <see cref="ScenarioFileException"/> naming the key and its line.
/// </summary>
internal static class ScenarioParameters
{
    public static IReadOnlyList<ScenarioParameter> Read(ScenarioJsonNode node)
    {
        if (node.Element.ValueKind != JsonValueKind.Object)
        {
            throw node.Fail("expected an object of parameter names and values");
        }

        ParameterStore store = FlightParameterDefinitions.CreateStore();
        var list = new List<ScenarioParameter>();
        foreach (JsonProperty property in node.Element.EnumerateObject())
        {
            ScenarioJsonNode value = node.Required(property.Name);
            double v = value.Number(double.MinValue, double.MaxValue);
            ParameterSetResult result = store.TrySet(property.Name, v);
            if (result is not (ParameterSetResult.Accepted or ParameterSetResult.Unchanged))
            {
                throw value.Fail("parameter " + property.Name + " = " + v.ToString(System.Globalization.CultureInfo.InvariantCulture) + " refused: " + result);
            }

            list.Add(new ScenarioParameter(property.Name, v));
        }

        return list;
    }
}
