using System.Reflection;
using StrategicTech.TestSupport;

namespace StrategicTech.Architecture.Tests;

/// <summary>Fails on any reference arrow that docs/ARCHITECTURE.md forbids, read both from the .csproj files and from the built assemblies.</summary>
public class LayeringTests
{
    [Fact]
    public void Product_projects_are_found_in_every_existing_layer()
    {
        IReadOnlyList<ProductProject> projects = ProductProjects.FindAll();
        Assert.Contains(projects, p => p.Name == "StrategicTech.Navigation" && p.Layer == "navigation");
        Assert.Contains(projects, p => p.Name == "StrategicTech.Autopilot" && p.Layer == "autopilot");
        Assert.Contains(projects, p => p.Name == LayerRules.CliHost && p.AssemblyName == "autonomy");
    }

    [Fact]
    public void Project_references_follow_the_layering()
    {
        var violations = new List<string>();
        foreach (ProductProject project in ProductProjects.FindAll())
        {
            foreach (string reference in project.ProjectReferencePaths)
            {
                string? target = ProductProjects.LayerOf(reference);
                if (target is null)
                {
                    violations.Add($"{Relative(project.Path)} references {Relative(reference)}, which is not a product project");
                }
                else if (!LayerRules.IsAllowed(project.Layer, project.Name, target))
                {
                    violations.Add($"{Relative(project.Path)} ({project.Layer}) must not reference {Relative(reference)} ({target})");
                }
            }
        }

        Assert.True(violations.Count == 0, "forbidden project references:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Assembly_references_follow_the_layering()
    {
        IReadOnlyList<ProductProject> projects = ProductProjects.FindAll();
        var layerOfAssembly = projects.ToDictionary(p => p.AssemblyName, p => p.Layer, StringComparer.Ordinal);
        var violations = new List<string>();
        int checkedAssemblies = 0;
        foreach (ProductProject project in projects)
        {
            string file = Path.Combine(AppContext.BaseDirectory, project.AssemblyName + ".dll");
            if (!File.Exists(file))
            {
                continue; // not referenced by this test project (e.g. a generator tool); its .csproj is still checked
            }

            checkedAssemblies++;
            Assembly assembly = Assembly.Load(new AssemblyName(project.AssemblyName));
            foreach (AssemblyName reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name is { } name && layerOfAssembly.TryGetValue(name, out string? target)
                    && !LayerRules.IsAllowed(project.Layer, project.Name, target))
                {
                    violations.Add($"assembly {project.AssemblyName} ({project.Layer}) references {name} ({target})");
                }
            }
        }

        Assert.True(checkedAssemblies >= 4, $"only {checkedAssemblies} product assemblies found beside the tests");
        Assert.True(violations.Count == 0, "forbidden assembly references:\n" + string.Join("\n", violations));
    }

    [Theory]
    [InlineData("navigation", "StrategicTech.Navigation", "drivers", false)]
    [InlineData("navigation", "StrategicTech.Navigation", "autopilot", false)]
    [InlineData("drivers", "StrategicTech.Drivers.Mavlink", "navigation", true)]
    [InlineData("drivers", "StrategicTech.Drivers.Mavlink", "autopilot", false)]
    [InlineData("autopilot", "StrategicTech.Autopilot", "drivers", true)]
    [InlineData("autopilot", "StrategicTech.Autopilot", "sim", false)]
    [InlineData("groundstation", "StrategicTech.GroundStation", "autopilot", false)]
    [InlineData("groundstation", "StrategicTech.GroundStation", "sim", false)]
    [InlineData("groundstation", "StrategicTech.GroundStation", "drivers", true)]
    [InlineData("sim", "StrategicTech.Sim", "autopilot", true)]
    [InlineData("sim", "StrategicTech.Sim", "groundstation", false)]
    [InlineData("sim", LayerRules.CliHost, "groundstation", true)]
    public void Rule_table_allows_and_forbids_the_documented_arrows(string from, string project, string to, bool allowed) =>
        Assert.Equal(allowed, LayerRules.IsAllowed(from, project, to));

    private static string Relative(string path) => Path.GetRelativePath(SharedData.RepositoryRoot, path).Replace('\\', '/');
}
