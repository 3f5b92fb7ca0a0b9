global using Microsoft.Extensions.DependencyInjection;
global using Recruiting.Testing;
