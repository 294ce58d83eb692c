using System.CommandLine;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Sim.Cli.Commands;

/// <summary>
/// <c>autonomy demo</c>: the README's first command. Until the SITL flight lands it runs an honest self-check of
/// what exists (the navigation math kernel) and prints measured figures.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var samples = new Option<int>("--samples")
        {
            Description = "Random rotations to check (1 to 10 000 000).",
            DefaultValueFactory = _ => 100_000,
        };
        samples.Validators.Add(r =>
        {
            int n = r.GetValueOrDefault<int>();
            if (n is < 1 or > 10_000_000)
            {
                r.AddError($"--samples must be between 1 and 10000000, got {n}.");
            }
        });
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1 };
        var command = new Command("demo", "Run the main demo (today: a self-check of the navigation kernel; the SITL flight demo is coming).")
        {
            samples,
            seed,
        };
        command.SetAction(parse => Run(parse.GetValue(samples), parse.GetValue(seed), parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(int samples, int seed, TextWriter output)
    {
        var random = new Random(seed);
        double worstRoundTripRad = 0, worstMatrixErr = 0;
        for (int i = 0; i < samples; i++)
        {
            var q = new Quaternion(random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5).Normalized();
            Quaternion back = Quaternion.FromRotationVector(q.ToRotationVector());
            worstRoundTripRad = Math.Max(worstRoundTripRad, Quaternion.AngleBetween(q, back));
            var v = new Vector3(random.NextDouble(), random.NextDouble(), random.NextDouble());
            worstMatrixErr = Math.Max(worstMatrixErr, (q.Rotate(v) - (q.ToRotationMatrix() * v)).Length);
        }

        output.WriteLine("StrategicTech.Autonomy demo — navigation kernel self-check");
        output.WriteLine($"  rotations checked:             {samples}");
        output.WriteLine($"  exp/log round trip, worst:     {worstRoundTripRad:E2} rad");
        output.WriteLine($"  quaternion vs matrix, worst:   {worstMatrixErr:E2}");
        bool ok = worstRoundTripRad < 1e-9 && worstMatrixErr < 1e-12;
        output.WriteLine(ok ? "  result: PASS" : "  result: FAIL");
        output.WriteLine("Coming next: the SITL flight demo (a quad flying a survey mission in wind) replaces this self-check.");
        return ok ? ExitCodes.Success : ExitCodes.CheckFailed;
    }
}
