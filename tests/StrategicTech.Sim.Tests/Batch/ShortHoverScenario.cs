using System.Globalization;
using System.Text.Json.Nodes;
using StrategicTech.Sim.Scenarios;

namespace StrategicTech.Sim.Tests.Batch;

/// <summary>
/// A cheap campaign job for tests: the bundled hover mission cut down to a 3 m takeoff, a 1 s hold and a landing
/// (about 30 simulated seconds instead of 76), written as a scenario file with its own name and tilt limit.
/// </summary>
internal static class ShortHoverScenario
{
    public static string Write(string directory, string name, double maxTiltDeg = 20, double holdS = 1)
    {
        JsonNode plan;
        using (Stream resource = typeof(ScenarioLoader).Assembly.GetManifestResourceStream("StrategicTech.Sim.Scenarios.Builtin.hover.plan")!)
        {
            plan = JsonNode.Parse(resource)!;
        }

        foreach (JsonNode? item in plan["mission"]!["items"]!.AsArray())
        {
            JsonArray p = item!["params"]!.AsArray();
            if ((int)item["command"]! == 16)
            {
                p[0] = holdS;
            }

            if ((double)p[6]! > 0)
            {
                p[6] = 3;
                item["Altitude"] = 3;
            }
        }

        string planFile = name + ".plan";
        File.WriteAllText(Path.Combine(directory, planFile), plan.ToJsonString());
        string path = Path.Combine(directory, name + ".json");
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "name": "{{name}}",
              "description": "quad_x takeoff to 3 m, {{holdS}} s hold, land; tilt limit {{maxTiltDeg}} deg",
              "seed": 1,
              "vehicles": [ { "systemId": 1, "airframe": "quad_x" } ],
              "mission": { "file": "{{planFile}}" },
              "criteria": { "waypointRadiusM": 2.0, "landedWithinM": 2.0, "maxTiltDeg": {{maxTiltDeg}}, "maxEkfPositionErrorM": 2.0, "timeLimitS": 120 }
            }
            """));
        return path;
    }
}
