namespace StrategicTech.Sim.Tests.Scenarios;

/// <summary>Writes scenario files (and a copy of a bundled mission) into a fresh temporary directory.</summary>
internal sealed class ScenarioFiles : IDisposable
{
    public ScenarioFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), "sitl-runner-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(Path.Combine(Directory, "hover.plan"), ReadBuiltIn("hover.plan"));
    }

    public string Directory { get; }

    /// <summary>A valid scenario flying hover.plan; callers replace parts of it to make it wrong.</summary>
    public const string Valid = """
        {
          "name": "t",
          "seed": 3,
          "vehicles": [
            { "systemId": 1, "airframe": "quad_x",
              "home": { "latitudeDeg": 47.397742, "longitudeDeg": 8.545594, "altitudeAmslM": 488.0 } }
          ],
          "world": {
            "wind": { "speedMps": 2.0, "fromDeg": 90, "gustMaxMps": 1.0 },
            "faults": [ { "kind": "magInterference", "startS": 40, "durationS": 2, "fieldFrdGauss": [0.05, 0, 0] } ]
          },
          "mission": { "file": "hover.plan" },
          "criteria": { "waypointRadiusM": 2, "landedWithinM": 2, "maxTiltDeg": 20, "maxEkfPositionErrorM": 2, "timeLimitS": 200 }
        }
        """;

    public string Write(string name, string text)
    {
        string path = Path.Combine(Directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    public static string ReadBuiltIn(string fileName) => ReadResource("StrategicTech.Sim.Scenarios.Builtin." + fileName);

    public static string ReadResource(string name)
    {
        using Stream stream = typeof(StrategicTech.Sim.Scenarios.ScenarioLoader).Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, true);
        }
        catch (IOException)
        {
        }
    }
}
