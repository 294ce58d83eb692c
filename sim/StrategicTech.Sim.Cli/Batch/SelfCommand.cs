using System.Diagnostics;

namespace StrategicTech.Sim.Cli.Batch;

/// <summary>
/// How to start this very <c>autonomy</c> program again as a child: its own apphost when that is what runs,
/// else <c>dotnet autonomy.dll</c> (a test host, or <c>dotnet autonomy.dll</c> itself).
/// </summary>
internal static class SelfCommand
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        string? host = Environment.ProcessPath;
        string assembly = typeof(SelfCommand).Assembly.Location;
        ProcessStartInfo start;
        if (host is not null && Path.GetFileNameWithoutExtension(host) == Path.GetFileNameWithoutExtension(assembly))
        {
            start = new ProcessStartInfo(host);
        }
        else
        {
            start = new ProcessStartInfo(host is not null && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet");
            start.ArgumentList.Add(assembly);
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.UseShellExecute = false;
        return start;
    }
}
