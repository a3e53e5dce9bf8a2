print("kubesim")
