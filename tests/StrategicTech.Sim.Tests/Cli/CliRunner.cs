using StrategicTech.Sim.Cli;

namespace StrategicTech.Sim.Tests.Cli;

/// <summary>Runs the <c>autonomy</c> CLI in-process and captures its exit code and both output streams.</summary>
internal static class CliRunner
{
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
