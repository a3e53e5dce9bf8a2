import ArgumentParser

KubesimCommand.main()
